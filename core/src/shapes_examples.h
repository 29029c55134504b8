#pragma once

#include "vae/example_generator.h"

#include <vector>

namespace vae::detail {

/// The shapes set's images made on demand (ExampleGenerator): example k is the image of canonical
/// index indices[k] (shapesFactorsOf()), rendered with renderShape() as 0.0 / 1.0 values.
/// Thread-safe: fill() keeps no state.
class ShapesExamples final : public ExampleGenerator {
public:
    explicit ShapesExamples(std::vector<int> indices) : m_indices(std::move(indices)) {}
    void fill(std::int64_t index, std::span<float> out) const override;

private:
    std::vector<int> m_indices; ///< canonical index of each example, ascending
};

} // namespace vae::detail
