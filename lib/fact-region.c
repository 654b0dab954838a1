/* fact-region.c - placeholder until the extractor is written. */
#include <config.h>

#include "fact-extract.h"

kb_status_t
fact_region_extract(const fact_text_t *t, facts_t *out, kb_error_t *err)
{
	return KB_OK;
}
