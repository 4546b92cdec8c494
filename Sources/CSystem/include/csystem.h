#ifndef BANTIN_CSYSTEM_H
#define BANTIN_CSYSTEM_H

/// Atomically exchanges two paths (Linux renameat2 RENAME_EXCHANGE, macOS renamex_np RENAME_SWAP).
/// Returns 0 on success, -1 with errno set otherwise (ENOSYS/EINVAL where unsupported).
int bantin_exchange_paths(const char *a, const char *b);

/// Gives memory the process freed back to the system where the C library can (glibc's
/// malloc_trim): otherwise freed pages stay counted in a long-running process's resident size.
void bantin_release_free_memory(void);

#include <stddef.h>

/// zlib's `compress2` at its fastest level into `out` (room for `capacity` bytes): the deflated
/// size, or 0 when it does not fit.
size_t bantin_deflate(const void *in, size_t size, void *out, size_t capacity);
/// zlib's `uncompress` into `out`, which has room for the `size` bytes deflated: 0 on success.
int bantin_inflate(const void *in, size_t deflatedSize, void *out, size_t size);

/// A bump allocator per thread for libcmark (`cmark_mem`): blocks live until
/// `bantin_arena_reset`, which the thread calls once it is done with a document.
void *bantin_arena_calloc(size_t count, size_t size);
void *bantin_arena_realloc(void *block, size_t size);
void bantin_arena_free(void *block);
void bantin_arena_reset(void);

#endif
