#include "vae/likelihood_kind.h"

#include "likelihood_math.h"
#include "vae/data_description.h"
#include "vae/errors.h"

#include <string>

namespace vae {

std::string_view likelihoodName(Likelihood likelihood)
{
    switch (likelihood) {
    case Likelihood::Bernoulli:
        return "bernoulli";
    case Likelihood::ContinuousBernoulli:
        return "continuous-bernoulli";
    case Likelihood::Gaussian:
        return "gaussian";
    }
    return "bernoulli";
}

Likelihood parseLikelihood(std::string_view name)
{
    for (Likelihood l :
         {Likelihood::Bernoulli, Likelihood::ContinuousBernoulli, Likelihood::Gaussian})
        if (likelihoodName(l) == name)
            return l;
    throw ConfigError("likelihood must be \"bernoulli\", \"continuous-bernoulli\" or \"gaussian\", "
                      "got \"" +
                          std::string(name) + "\"",
                      "likelihood");
}

Likelihood defaultLikelihood(const DataDescription& data)
{
    switch (data.values) {
    case ValueKind::Binary:
    case ValueKind::UnitInterval: // continuous-bernoulli is the normalised choice; see the header
        return Likelihood::Bernoulli;
    case ValueKind::Real:
        return Likelihood::Gaussian;
    }
    return Likelihood::Bernoulli;
}

double continuousBernoulliLogNormalizer(double logit)
{
    double derivative = 0;
    return detail::continuousBernoulliLogNormalizer(logit, derivative);
}

double continuousBernoulliLogNormalizerDerivative(double logit)
{
    double derivative = 0;
    (void)detail::continuousBernoulliLogNormalizer(logit, derivative);
    return derivative;
}

double continuousBernoulliMean(double logit)
{
    return detail::continuousBernoulliMean(logit);
}

} // namespace vae
