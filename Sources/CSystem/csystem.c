#define _GNU_SOURCE
#include "csystem.h"
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>
#include <zlib.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#ifdef __linux__
#include <sys/syscall.h>
#include <linux/fs.h>
#endif

int bantin_exchange_paths(const char *a, const char *b) {
#if defined(__linux__) && defined(SYS_renameat2)
    return (int)syscall(SYS_renameat2, AT_FDCWD, a, AT_FDCWD, b, RENAME_EXCHANGE);
#elif defined(__APPLE__)
    return renamex_np(a, b, RENAME_SWAP);
#else
    (void)a; (void)b;
    errno = ENOSYS;
    return -1;
#endif
}

void bantin_release_free_memory(void) {
#ifdef __GLIBC__
    malloc_trim(0);
#endif
}

size_t bantin_deflate(const void *in, size_t size, void *out, size_t capacity) {
    uLongf written = capacity;
    return compress2(out, &written, in, size, Z_BEST_SPEED) == Z_OK ? written : 0;
}

int bantin_inflate(const void *in, size_t deflatedSize, void *out, size_t size) {
    uLongf written = size;
    return uncompress(out, &written, in, deflatedSize) == Z_OK && written == size ? 0 : -1;
}
