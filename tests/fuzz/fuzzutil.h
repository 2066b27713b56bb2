#pragma once

// Shared by the libFuzzer targets: a crash-safe check and a deterministic way to cut the input
// into pieces, so "whole" and "split" runs of a parser can be compared.

#include <QByteArray>
#include <QList>

#include <cstdio>
#include <cstdlib>

//! Like Q_ASSERT, but also in release builds and reported as a crash libFuzzer can minimize.
#define FUZZ_CHECK(cond)                                                                           \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            std::fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, #cond);      \
            std::abort();                                                                          \
        }                                                                                          \
    } while (false)

namespace qcc::fuzz {

/*! Splits \a size bytes into pieces whose lengths come from \a seed (a few bytes the fuzzer also
 *  mutates): lengths 1..64 mostly, with an occasional large one, so both byte-by-byte and
 *  "headers in one read, body in another" splits occur. */
inline QList<qsizetype> pieces(qsizetype size, quint32 seed)
{
    QList<qsizetype> out;
    quint32 x = seed | 1;
    for (qsizetype at = 0; at < size;) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5; // xorshift32: fixed sequence per seed, so a crash replays exactly
        qsizetype n = (x & 7) == 0 ? qsizetype(x >> 8) % 4096 + 1 : qsizetype(x >> 8) % 64 + 1;
        n = qMin(n, size - at);
        out.append(n);
        at += n;
    }
    return out;
}

//! The first 4 bytes of the input (if any) as a split seed; the rest is the payload.
inline quint32 takeSeed(const uint8_t *&data, size_t &size)
{
    quint32 seed = 0;
    for (int i = 0; i < 4 && size > 0; ++i, ++data, --size)
        seed = (seed << 8) | *data;
    return seed;
}

} // namespace qcc::fuzz
