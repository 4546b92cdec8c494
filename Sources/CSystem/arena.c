#include "csystem.h"
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

// One bump arena per thread. libcmark allocates a node, a buffer or a string for nearly every
// piece of a document and frees them all at the end; glibc's malloc spent about as long on that
// as libcmark on parsing. Here an allocation is a pointer bump and freeing waits for the reset.

typedef struct chunk {
    struct chunk *previous;
    size_t capacity;
    size_t used;
    // 16-byte aligned blocks follow, each after a header holding its size.
} chunk;

enum { header = 16, first_chunk = 1 << 20 };

static _Thread_local chunk *current;
static _Thread_local void *last_block;

static pthread_key_t owner;
static pthread_once_t owner_once = PTHREAD_ONCE_INIT;

// Frees a thread's chunks when the thread ends (the thread pool lets idle threads go).
static void free_chunks(void *newest) {
    chunk *c = newest;
    while (c) {
        chunk *previous = c->previous;
        free(c);
        c = previous;
    }
}

static void make_owner(void) { pthread_key_create(&owner, free_chunks); }

static size_t round_up(size_t n) { return (n + 15) & ~(size_t)15; }

static char *data_of(chunk *c) { return (char *)c + round_up(sizeof(chunk)); }

static void *allocate(size_t size) {
    size_t need = header + round_up(size ? size : 1);
    if (!current || current->capacity - current->used < need) {
        size_t capacity = first_chunk;
        while (capacity < need) capacity *= 2;
        chunk *c = malloc(round_up(sizeof(chunk)) + capacity);
        if (!c) return NULL;
        c->previous = current;
        c->capacity = capacity;
        c->used = 0;
        current = c;
        pthread_once(&owner_once, make_owner);
        pthread_setspecific(owner, c);
    }
    char *block = data_of(current) + current->used + header;
    ((size_t *)block)[-1] = size;
    current->used += need;
    last_block = block;
    return block;
}

void *bantin_arena_calloc(size_t count, size_t size) {
    if (size && count > SIZE_MAX / size) return NULL;
    void *block = allocate(count * size);
    if (block) memset(block, 0, count * size);
    return block;
}

void *bantin_arena_realloc(void *block, size_t size) {
    if (!block) return allocate(size);
    size_t old = ((size_t *)block)[-1];
    // The last block grows in place: libcmark's buffers are mostly grown right after they are made.
    if (block == last_block) {
        size_t start = (size_t)((char *)block - data_of(current));
        if (start + round_up(size ? size : 1) <= current->capacity) {
            current->used = start + round_up(size ? size : 1);
            ((size_t *)block)[-1] = size;
            return block;
        }
    }
    void *moved = allocate(size);
    if (moved) memcpy(moved, block, old < size ? old : size);
    return moved;
}

void bantin_arena_free(void *block) { (void)block; }

void bantin_arena_reset(void) {
    // Keeps the newest (largest) chunk for the next document; frees the others.
    if (!current) return;
    free_chunks(current->previous);
    current->previous = NULL;
    current->used = 0;
    last_block = NULL;
}
