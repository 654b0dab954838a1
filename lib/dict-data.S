/* dict-data.S - the dictionary image, built into the library.
 *
 * lib/dict.img is the hash table that lib/kb-mkimage builds from the word
 * lists of data/dict/ (see dict.c).  The assembler finds it through -I
 * (see lib/local.mk), where the object depends on it as well.  Aligned
 * for the header's double and the slots.
 */
	.section .rodata
	.balign 16
	.globl dict_image_start
	.hidden dict_image_start
	.type dict_image_start, @object
dict_image_start:
	.incbin "dict.img"
	.globl dict_image_end
	.hidden dict_image_end
	.type dict_image_end, @object
dict_image_end:
	.byte 0
	.size dict_image_start, dict_image_end - dict_image_start

	.section .note.GNU-stack,"",@progbits
