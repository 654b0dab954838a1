/* gazetteer-data.S - the region data of data/regions/, built into the
 * library.
 *
 * gazetteer.tsv (the divisions) and ../insurance.tsv (the insurance
 * schemes), each followed by a newline in case the file lacks one and a
 * NUL.  The
 * assembler finds the files through -I (see lib/local.mk); the object
 * depends on them there as well.
 */
	.section .rodata
	.balign 16
	.globl gaz_data_start
	.hidden gaz_data_start
	.type gaz_data_start, @object
gaz_data_start:
	.incbin "gazetteer.tsv"
	.byte 10, 0
	.size gaz_data_start, . - gaz_data_start

	/* the insurance schemes (data/insurance.tsv, next to regions/) */
	.globl gaz_insurance_start
	.hidden gaz_insurance_start
	.type gaz_insurance_start, @object
gaz_insurance_start:
	.incbin "../insurance.tsv"
	.byte 10, 0
	.size gaz_insurance_start, . - gaz_insurance_start

	.section .note.GNU-stack,"",@progbits
