#pragma once
// Examples made on demand: a generated dataset too large to hold as floats (the shapes set's
// 727,280 training images of 4,096 values would take 12 GB).

#include <cstdint>
#include <span>

namespace vae {

/// Makes the examples of an ImageSet whose values are not stored (ImageSet::isGenerated()). Must
/// be deterministic (the same index always gives the same values) and thread-safe: the trainer's
/// threads call fill() concurrently.
class ExampleGenerator {
public:
    virtual ~ExampleGenerator() = default;
    /// Writes example `index` (0 ≤ index < the set's count) into `out`, which holds exactly one
    /// example's values (rows × cols × channels, HWC, as ImageSet::pixels).
    virtual void fill(std::int64_t index, std::span<float> out) const = 0;
};

} // namespace vae
