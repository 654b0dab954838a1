/* segment.c - placeholder, replaced as the module is written. */
#include <config.h>
