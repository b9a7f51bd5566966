// SPDX-License-Identifier: GPL-2.0
/*
 * stapforge_target: a kernel module that gives the testsuite deterministic
 * functions to probe.  A guest command writes a request to
 * /sys/kernel/debug/stapforge_target/call, e.g.
 *
 *	echo "ints -1 200 -300 60000 -70000 4000000000 -5 6" > call
 *
 * which calls the matching function with those arguments; "result" then
 * reads back what it returned and "calls" how often each one ran.  Every
 * probe target is noinline and noclone so that its symbol, address and
 * DWARF stay put; see README.md.
 */
#include <linux/compiler.h>
#include <linux/debugfs.h>
#include <linux/delay.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/seq_file.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "stapforge_target.h"

#define TARGET_MAX_REQUEST 256
#define TARGET_MAX_DEPTH 100
#define TARGET_MAX_NAME 32

enum target_fn {
	FN_INTS,
	FN_STRING,
	FN_STRUCT,
	FN_INLINE,
	FN_RECURSE,
	FN_COUNT,
};

static const char *const target_fn_names[FN_COUNT] = {
	"ints", "string", "struct", "inline", "recurse",
};

static DEFINE_MUTEX(target_lock);
static unsigned long target_calls[FN_COUNT];
static long long target_last_result;
static struct dentry *target_dir;

/* What every struct request's next pointer points to. */
static struct target_record target_tail = {
	.id = 100,
	.inner = {.origin = {.x = 1, .y = 2}, .flags = 3, .tag = "end"},
	.values = {4, 5, 6, 7},
	.name = "tail",
	.next = NULL,
};

noinline __noclone long long target_ints(signed char c, unsigned char uc,
					 short s, unsigned short us, int i,
					 unsigned int ui, long long ll,
					 unsigned long long ull)
{
	return (long long)c + uc + s + us + i + ui + ll + (long long)ull;
}

noinline __noclone long target_string(const char *str, size_t len)
{
	long sum = 0;
	size_t k;

	for (k = 0; k < len; k++)
		sum += (unsigned char)str[k];
	return sum;
}

noinline __noclone long target_struct(const struct target_record *rec)
{
	long sum = rec->id + rec->inner.origin.x + rec->inner.origin.y +
		   rec->inner.flags;
	unsigned int k;

	for (k = 0; k < ARRAY_SIZE(rec->values); k++)
		sum += rec->values[k];
	sum += strlen(rec->inner.tag) + strlen(rec->name);
	if (rec->next)
		sum += rec->next->id;
	return sum;
}

/*
 * Always inlined; the barrier keeps each inlined copy as code of its own,
 * so that DWARF describes two inline instances in target_inline_caller.
 */
static __always_inline int target_inline_square(int v)
{
	int sq = v * v;

	barrier();
	return sq + 1;
}

noinline __noclone int target_inline_caller(int n)
{
	return target_inline_square(n) + target_inline_square(n + 1);
}

/*
 * Returns depth + (depth - 1) + ... + 1, one real call per level: the
 * barrier after the call stops gcc from turning the recursion into a loop.
 */
noinline __noclone int target_recurse(int depth)
{
	int below;

	if (depth <= 0)
		return 0;
	below = target_recurse(depth - 1);
	barrier();
	return below + depth;
}

static int target_call_ints(const char *args, long long *result)
{
	signed char c;
	unsigned char uc;
	short s;
	unsigned short us;
	int i, end = 0;
	unsigned int ui;
	long long ll;
	unsigned long long ull;

	if (sscanf(args, "%hhd %hhu %hd %hu %d %u %lld %llu %n", &c, &uc, &s,
		   &us, &i, &ui, &ll, &ull, &end) != 8 ||
	    args[end])
		return -EINVAL;
	*result = target_ints(c, uc, s, us, i, ui, ll, ull);
	return 0;
}

/* "ID X Y FLAGS TAG V0 V1 V2 V3 NAME" */
static int target_call_struct(const char *args, long long *result)
{
	struct target_record rec = {.next = &target_tail};
	char name[TARGET_MAX_NAME];
	int end = 0;

	if (sscanf(args, "%ld %d %d %hu %7s %d %d %d %d %31s %n", &rec.id,
		   &rec.inner.origin.x, &rec.inner.origin.y, &rec.inner.flags,
		   rec.inner.tag, &rec.values[0], &rec.values[1],
		   &rec.values[2], &rec.values[3], name, &end) != 10 ||
	    args[end])
		return -EINVAL;
	rec.name = name;
	*result = target_struct(&rec);
	return 0;
}

static int target_call_int(const char *args, int max, int *value)
{
	if (kstrtoint(args, 10, value) || *value < 0 || *value > max)
		return -EINVAL;
	return 0;
}

/* Runs one request with target_lock held. */
static int target_dispatch(const char *fn, const char *args)
{
	long long result;
	int err = -EINVAL, n, which;

	which = match_string(target_fn_names, FN_COUNT, fn);
	switch (which) {
	case FN_INTS:
		err = target_call_ints(args, &result);
		break;
	case FN_STRING:
		result = target_string(args, strlen(args));
		err = 0;
		break;
	case FN_STRUCT:
		err = target_call_struct(args, &result);
		break;
	case FN_INLINE:
		err = target_call_int(args, 1 << 15, &n);
		if (!err)
			result = target_inline_caller(n);
		break;
	case FN_RECURSE:
		err = target_call_int(args, TARGET_MAX_DEPTH, &n);
		if (!err)
			result = target_recurse(n);
		break;
	}
	if (err)
		return err;
	target_last_result = result;
	target_calls[which]++;
	return 0;
}

/*
 * Deliberate kernel trouble, for testing that the VM runner reports it.
 * Returns -ENOENT if FN is not such a request.
 */
static int target_trouble(const char *fn, const char *args)
{
	unsigned int secs;

	if (!strcmp(fn, "warn") && !args) {
		WARN(1, "stapforge_target: warning on request\n");
		return 0;
	}
	if (!strcmp(fn, "oops") && !args) {
		int *volatile p = NULL;

		return *p;
	}
	if (!strcmp(fn, "hang")) {
		/* msleep sleeps uninterruptibly: not even SIGKILL ends it. */
		if (!args || kstrtouint(args, 10, &secs) || secs > 600)
			return -EINVAL;
		msleep(secs * 1000);
		return 0;
	}
	return -ENOENT;
}

static ssize_t target_call_write(struct file *file, const char __user *ubuf,
				 size_t count, loff_t *ppos)
{
	char buf[TARGET_MAX_REQUEST];
	char *args, *fn;
	int err;

	if (count >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, count))
		return -EFAULT;
	buf[count] = '\0';
	if (count && buf[count - 1] == '\n')
		buf[count - 1] = '\0';
	args = buf;
	fn = strsep(&args, " ");
	err = target_trouble(fn, args);
	if (err != -ENOENT)
		return err ?: count;
	if (!args)
		return -EINVAL;

	mutex_lock(&target_lock);
	err = target_dispatch(fn, args);
	mutex_unlock(&target_lock);
	return err ?: count;
}

static const struct file_operations target_call_fops = {
	.owner = THIS_MODULE,
	.write = target_call_write,
	.llseek = noop_llseek,
};

static int target_result_show(struct seq_file *m, void *v)
{
	mutex_lock(&target_lock);
	seq_printf(m, "%lld\n", target_last_result);
	mutex_unlock(&target_lock);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(target_result);

static int target_calls_show(struct seq_file *m, void *v)
{
	int k;

	mutex_lock(&target_lock);
	for (k = 0; k < FN_COUNT; k++)
		seq_printf(m, "%s %lu\n", target_fn_names[k], target_calls[k]);
	mutex_unlock(&target_lock);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(target_calls);

static int __init target_init(void)
{
	target_dir = debugfs_create_dir("stapforge_target", NULL);
	if (IS_ERR(target_dir))
		return PTR_ERR(target_dir);
	debugfs_create_file("call", 0200, target_dir, NULL, &target_call_fops);
	debugfs_create_file("result", 0444, target_dir, NULL,
			    &target_result_fops);
	debugfs_create_file("calls", 0444, target_dir, NULL,
			    &target_calls_fops);
	return 0;
}

static void __exit target_exit(void)
{
	debugfs_remove_recursive(target_dir);
}

module_init(target_init);
module_exit(target_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("stapforge test target: deterministic functions to probe");
