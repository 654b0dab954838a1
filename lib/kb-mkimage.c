/* kb-mkimage.c - build the images of the built-in tables.
 *
 *   kb-mkimage dict OUT FILE...     the word lists, in order (dict.c)
 *   kb-mkimage gazetteer OUT FILE   the divisions (gazetteer.c)
 *
 * Run by make when the library is built, so that no program parses these
 * lists when it starts: the library links the images in (dict-data.S,
 * gazetteer-data.S).  Each FILE is read whole and followed by a newline in
 * case it lacks one, so a later line for the same word replaces an earlier
 * one.  The image is in the byte order of this machine: the program is
 * built with the library's compiler and run where it is built.
 */
#include <config.h>

#include "dict.h"
#include "gazetteer.h"
#include "die.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

static void
mkimage_read(kb_buf *text, const char *path)
{
	char chunk[65536];
	FILE *f = fopen(path, "rb");
	size_t n;

	if (!f)
		die("cannot open '%s': %s", path, strerror(errno));
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(text, chunk, n);
	if (ferror(f))
		die("cannot read '%s': %s", path, strerror(errno));
	fclose(f);
	buf_addch(text, '\n');
}

int
main(int argc, char **argv)
{
	kb_buf text, image;
	kb_error_t err = { 0 };
	kb_status_t rc;
	FILE *out;

	die_init("kb-mkimage");
	if (argc < 4 || (strcmp(argv[1], "dict") && strcmp(argv[1], "gazetteer")) ||
	    (!strcmp(argv[1], "gazetteer") && argc != 4))
		die("usage: kb-mkimage dict OUT FILE... | gazetteer OUT FILE");
	buf_init(&text, 0);
	buf_init(&image, 0);
	for (int i = 3; i < argc; i++)
		mkimage_read(&text, argv[i]);
	if (buf_failed(&text))
		die("out of memory while reading the lists");
	if (!strcmp(argv[1], "dict"))
		rc = dict_image_build(text.buf, text.len, &image, &err);
	else
		rc = gaz_image_build(text.buf, &image, &err);
	if (rc)
		die("%s", err.msg);
	out = fopen(argv[2], "wb");
	if (!out)
		die("cannot open '%s': %s", argv[2], strerror(errno));
	if (fwrite(image.buf, 1, image.len, out) != image.len || fclose(out))
		die("cannot write '%s': %s", argv[2], strerror(errno));
	buf_release(&text);
	buf_release(&image);
	return 0;
}
