#ifndef KB_READER_H
#define KB_READER_H
#endif
