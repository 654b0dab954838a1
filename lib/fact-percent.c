/* fact-percent.c - percentages: "45%", "50%-55%", "百分之四十五",
 * "最高可达75%", "降低10%-20%", "5个百分点".
 *
 * value "45" or "50-55", min/max in percent, unit "%" ("百分点" for
 * percentage points, which are not a share of anything).  Per mille
 * ("‰", 千分之五) is converted to percent.  Ranges, bounds, changes and
 * labels as in fact-number.h; "百分之" may be repeated in a range
 * ("百分之四十五至百分之五十").
 */
#include <config.h>

#include "fact-extract.h"
#include "fact-number.h"

#include <string.h>

enum { PCT_PERCENT = 1, PCT_MILLE, PCT_POINT };

static size_t
pct_unit(const fact_text_t *t, size_t pos, int *id)
{
	static const struct {
		const char *w;
		int id;
	} units[] = {
		{ "%", PCT_PERCENT }, { "‰", PCT_MILLE },
		{ "个百分点", PCT_POINT }, { "百分点", PCT_POINT },
	};
	size_t i = pos, l;

	/* "45 %" in text converted from tables */
	if (i < t->norm_len && t->norm[i] == ' ')
		i++;
	for (size_t k = 0; k < KB_ARRAY_SIZE(units); k++)
		if ((l = num_at(t, i, units[k].w))) {
			*id = units[k].id;
			return i + l - pos;
		}
	return 0;
}

static kb_status_t
pct_emit(const fact_text_t *t, facts_t *out, num_prev_t *prev, size_t start,
	 size_t end, double lo, double hi, int id, kb_error_t *err)
{
	char value[64];
	num_ctx_t c;

	if (id == PCT_MILLE) {
		lo /= 10;
		hi /= 10;
	}
	num_context(t, start, end, NUM_PERCENT, &c);
	num_share_label(t, &c, prev);
	num_format(value, sizeof value, lo, hi);
	return num_emit(out, t, &c, "percent", value,
			id == PCT_POINT ? "百分点" : "%", lo, hi, err);
}

/* 百分之四十五, 千分之五, 百分之百 at @pos: the end of the fact, or 0. */
static size_t
pct_spelled(const fact_text_t *t, size_t pos, facts_t *out, num_prev_t *prev,
	    kb_status_t *rc, kb_error_t *err)
{
	static const char *const prefixes[] = { "百分之", "千分之" };
	num_range_t r;
	size_t pl = 0, k;

	for (k = 0; k < KB_ARRAY_SIZE(prefixes) && !pl; k++)
		pl = num_at(t, pos, prefixes[k]);
	if (!pl)
		return 0;
	k--;
	if (k == 0 && num_at(t, pos + pl, "百")) {
		*rc = pct_emit(t, out, prev, pos, pos + pl + 3, 100, 100, PCT_PERCENT,
			       err);
		return pos + pl + 3;
	}
	if (!num_range_read(t, pos + pl, NULL, prefixes[k], &r))
		return pos + pl;
	*rc = pct_emit(t, out, prev, pos, r.end, r.lo.v, r.hi.v,
		       k ? PCT_MILLE : PCT_PERCENT, err);
	return r.end;
}

kb_status_t
fact_percent_extract(const fact_text_t *t, facts_t *out, kb_error_t *err)
{
	kb_status_t rc = KB_OK;
	num_range_t r;
	size_t i = 0, u, next;
	num_prev_t prev = { 0 };
	int id;

	if (!memchr(t->norm, '%', t->norm_len) && !strstr(t->norm, "分之") &&
	    !strstr(t->norm, "百分点") && !strstr(t->norm, "‰"))
		return KB_OK;
	while (i < t->norm_len) {
		if ((next = pct_spelled(t, i, out, &prev, &rc, err))) {
			if (rc)
				return rc;
			i = next;
			continue;
		}
		if (!num_can_start(t, i) ||
		    !num_range_read(t, i, pct_unit, NULL, &r)) {
			i = num_next(t, i);
			continue;
		}
		if (!(u = pct_unit(t, r.end, &id))) {
			i = r.lo.end;
			continue;
		}
		if ((rc = pct_emit(t, out, &prev, r.start, r.end + u, r.lo.v, r.hi.v,
				   id, err)))
			return rc;
		i = r.end + u;
	}
	return KB_OK;
}
