#ifndef KB_RECORD_H
#define KB_RECORD_H
#endif
