/* pinyin-data.S - data/pinyin/readings.tsv, built into the library.
 *
 * Followed by a newline in case the file lacks one.  The assembler finds
 * the file through -I (see lib/local.mk); the object depends on it there.
 * lib/pinyin.c parses it on first use.
 */
	.section .rodata
	.balign 16
	.globl pinyin_data_start
	.hidden pinyin_data_start
	.type pinyin_data_start, @object
pinyin_data_start:
	.incbin "../pinyin/readings.tsv"
	.byte 10
	.globl pinyin_data_end
	.hidden pinyin_data_end
	.type pinyin_data_end, @object
pinyin_data_end:
	.byte 0
	.size pinyin_data_start, pinyin_data_end - pinyin_data_start

	.section .note.GNU-stack,"",@progbits
