#pragma once
// Small, portable hashes: the same value on every platform and compiler (std::hash is not).

#include <cstdint>
#include <string_view>

namespace vae {

/// splitmix64 (Steele, Lea & Flood 2014): a 64-bit mix with full avalanche.
constexpr std::uint64_t splitmix64(std::uint64_t x)
{
    x += 0x9E3779B97F4A7C15ULL;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
}

/// FNV-1a, 64 bits (Fowler, Noll & Vo): `state` continues an earlier hash.
constexpr std::uint64_t fnv1a64(std::string_view bytes,
                                std::uint64_t state = 0xCBF29CE484222325ULL)
{
    for (const char c : bytes) {
        state ^= std::uint8_t(c);
        state *= 0x100000001B3ULL;
    }
    return state;
}

/// Continues an FNV-1a hash with the 8 bytes of `value`, little-endian.
constexpr std::uint64_t fnv1a64(std::uint64_t value, std::uint64_t state)
{
    for (int i = 0; i < 8; ++i) {
        state ^= (value >> (8 * i)) & 0xFF;
        state *= 0x100000001B3ULL;
    }
    return state;
}

} // namespace vae
