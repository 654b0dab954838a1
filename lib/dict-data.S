/* dict-data.S - the word lists of data/dict/, built into the library.
 *
 * One blob: jieba.tsv then domain.tsv, each followed by a newline in case
 * the file lacks one, so a later line for the same word (the domain list)
 * replaces an earlier one.  The assembler finds the files through -I (see
 * lib/local.mk); the object depends on them there as well.
 */
	.section .rodata
	.balign 16
	.globl dict_data_start
	.hidden dict_data_start
	.type dict_data_start, @object
dict_data_start:
	.incbin "jieba.tsv"
	.byte 10
	.incbin "domain.tsv"
	.byte 10
	.globl dict_data_end
	.hidden dict_data_end
	.type dict_data_end, @object
dict_data_end:
	.byte 0
	.size dict_data_start, dict_data_end - dict_data_start

	.section .note.GNU-stack,"",@progbits
