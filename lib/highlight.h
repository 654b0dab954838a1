#ifndef KB_HIGHLIGHT_H
#define KB_HIGHLIGHT_H
#endif
