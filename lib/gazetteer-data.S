/* gazetteer-data.S - the region data, built into the library.
 *
 * lib/gazetteer.img, the divisions and their lexicon that lib/kb-mkimage
 * builds from data/regions/gazetteer.tsv (see gazetteer.c), and
 * ../insurance.tsv (the insurance schemes, a short list parsed on first
 * use), followed by a newline in case the file lacks one and a NUL.  The
 * assembler finds the files through -I (see lib/local.mk); the object
 * depends on them there as well.
 */
	.section .rodata
	.balign 16
	.globl gaz_image_start
	.hidden gaz_image_start
	.type gaz_image_start, @object
gaz_image_start:
	.incbin "gazetteer.img"
	.globl gaz_image_end
	.hidden gaz_image_end
	.type gaz_image_end, @object
gaz_image_end:
	.byte 0
	.size gaz_image_start, gaz_image_end - gaz_image_start

	/* the insurance schemes (data/insurance.tsv, next to regions/) */
	.globl gaz_insurance_start
	.hidden gaz_insurance_start
	.type gaz_insurance_start, @object
gaz_insurance_start:
	.incbin "../insurance.tsv"
	.byte 10, 0
	.size gaz_insurance_start, . - gaz_insurance_start

	.section .note.GNU-stack,"",@progbits
