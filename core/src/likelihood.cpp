#include "vae/likelihood.h"

#include <stdexcept>

namespace vae {

PosteriorGrid posteriorGrid(const InferenceModel&, std::span<const float>,
                            const PosteriorGridOptions&, const ProgressCallback&)
{
    throw std::logic_error("posteriorGrid: not implemented yet");
}

EvidenceDecomposition evidenceDecomposition(const InferenceModel&, std::span<const float>,
                                            const EvidenceOptions&, const ProgressCallback&)
{
    throw std::logic_error("evidenceDecomposition: not implemented yet");
}

ImportanceWeightedResult importanceWeightedBound(const InferenceModel&, std::span<const float>, int,
                                                 const ImportanceWeightedOptions&,
                                                 const ProgressCallback&)
{
    throw std::logic_error("importanceWeightedBound: not implemented yet");
}

ImportanceWeightedResult importanceWeightedBound(const InferenceModel&, const ImageSet&,
                                                 const ImportanceWeightedOptions&,
                                                 const ProgressCallback&)
{
    throw std::logic_error("importanceWeightedBound: not implemented yet");
}

} // namespace vae
