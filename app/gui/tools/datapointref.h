#pragma once

#include "plots/latentscatter.h"

namespace vae::gui {

/// A point of the latent scatter: a test or training image, by its set and its index in that set.
/// What the tools pass each other as "the image being examined" (ToolContext::selectedPoint()).
struct DataPointRef {
    LatentScatter::Set set = LatentScatter::TestSet;
    int index = 0;
    bool operator==(const DataPointRef&) const = default;
};

} // namespace vae::gui
