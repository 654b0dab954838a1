#ifndef KB_QUERY_H
#define KB_QUERY_H
#endif
