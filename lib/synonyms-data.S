/* synonyms-data.S - data/synonyms.tsv, built into the library.
 *
 * Followed by a newline in case the file lacks one.  The assembler finds
 * the file through -I (see lib/local.mk); the object depends on it there.
 */
	.section .rodata
	.balign 16
	.globl synonyms_data_start
	.hidden synonyms_data_start
	.type synonyms_data_start, @object
synonyms_data_start:
	.incbin "../synonyms.tsv"
	.byte 10
	.globl synonyms_data_end
	.hidden synonyms_data_end
	.type synonyms_data_end, @object
synonyms_data_end:
	.byte 0
	.size synonyms_data_start, synonyms_data_end - synonyms_data_start

	.section .note.GNU-stack,"",@progbits
