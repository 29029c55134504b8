#pragma once

#include <vae/data_description.h>
#include <vae/likelihood_kind.h>

#include <QString>

namespace vae::gui {

/// The likelihood p_θ(x|z) as the window names it: "Bernoulli", "continuous Bernoulli" or
/// "Gaussian" (translated).
[[nodiscard]] QString likelihoodTitle(vae::Likelihood likelihood);

/// Why `likelihood` cannot model `data`, as a sentence for a tooltip (translated), or an empty
/// string when it can. The rule is the trainer's (vae::Trainer refuses the same combinations): a
/// Bernoulli or continuous Bernoulli needs values in [0, 1]; the Gaussian fits any real values.
[[nodiscard]] QString likelihoodMismatch(vae::Likelihood likelihood,
                                         const vae::DataDescription& data);

} // namespace vae::gui
