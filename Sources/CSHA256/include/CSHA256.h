// SHA-256's compression function on the x86 SHA extensions (SHA-NI), for ForesiteCore's `SHA256`.
//
// Why C: Swift cannot emit the SHA instructions, and they hash about five times faster than the best
// Swift loop; every site build re-hashes every ledger row of every target. The padding and the choice of
// implementation stay in Swift; on other CPUs and architectures Swift's own loop runs.
#ifndef CSHA256_H
#define CSHA256_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// 1 if this CPU runs `foresite_sha256_blocks_extensions` (SHA, SSSE3 and SSE4.1), else 0.
int foresite_sha256_extensions_supported(void);

/// Runs `blocks` 64-byte blocks from `data` through the compression function, updating the eight state
/// words `state` (H0…H7, native integers). Only where `foresite_sha256_extensions_supported` says so.
void foresite_sha256_blocks_extensions(uint32_t state[8], const uint8_t *data, size_t blocks);

#ifdef __cplusplus
}
#endif

#endif
