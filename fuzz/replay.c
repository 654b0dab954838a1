/* replay.c - run a fuzz target on files, without libFuzzer.
 *
 * As utf8proc's fuzz_main.c: the same LLVMFuzzerTestOneInput() that
 * libFuzzer drives, called once per file named on the command line, so the
 * seed corpus and every regression input run in the ordinary test suite
 * (and under the sanitizers of --enable-sanitizers) with any compiler.
 */
#include <config.h>

#include "fuzz.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"

int
main(int argc, char **argv)
{
	kb_buf b = KB_BUF_INIT;
	int status = 0;

	for (int i = 1; i < argc; i++) {
		FILE *f = fopen(argv[i], "rb");
		char chunk[65536];
		size_t n;

		if (!f) {
			fprintf(stderr, "replay: cannot open '%s': %s\n",
				argv[i], strerror(errno));
			status = 2;
			continue;
		}
		buf_reset(&b);
		while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
			buf_add(&b, chunk, n);
		if (ferror(f) || buf_failed(&b)) {
			fprintf(stderr, "replay: cannot read '%s'\n", argv[i]);
			status = 2;
			fclose(f);
			continue;
		}
		fclose(f);
		/* a copy of exactly the file's size, so ASan sees a read
		 * past the end as libFuzzer's runs would */
		{
			uint8_t *copy = malloc(b.len ? b.len : 1);

			if (!copy) {
				fputs("replay: out of memory\n", stderr);
				return 2;
			}
			memcpy(copy, b.buf, b.len);
			LLVMFuzzerTestOneInput(copy, b.len);
			free(copy);
		}
	}
	buf_release(&b);
	return status;
}
