// SPDX-License-Identifier: GPL-2.0
/* STAPCONF_VM_FLAGS_SET: vm_flags are changed with vm_flags_set(). */
#include <linux/mm.h>

void stapconf_probe(struct vm_area_struct *vma);
void stapconf_probe(struct vm_area_struct *vma)
{
	vm_flags_set(vma, VM_IO);
}
