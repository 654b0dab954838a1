#ifndef KB_FACTS_H
#define KB_FACTS_H
#endif
