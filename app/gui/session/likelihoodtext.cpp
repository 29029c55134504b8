#include "session/likelihoodtext.h"

#include <QCoreApplication>

namespace vae::gui {

namespace {

class LikelihoodText final {
    Q_DECLARE_TR_FUNCTIONS(LikelihoodText)
};

} // namespace

QString likelihoodTitle(vae::Likelihood likelihood)
{
    switch (likelihood) {
    case vae::Likelihood::Bernoulli:
        return LikelihoodText::tr("Bernoulli");
    case vae::Likelihood::ContinuousBernoulli:
        return LikelihoodText::tr("continuous Bernoulli");
    case vae::Likelihood::Gaussian:
        return LikelihoodText::tr("Gaussian");
    }
    return {};
}

QString likelihoodMismatch(vae::Likelihood likelihood, const vae::DataDescription& data)
{
    if (likelihood == vae::Likelihood::Gaussian || data.values != vae::ValueKind::Real)
        return {};
    return LikelihoodText::tr("The %1 likelihood needs values in [0, 1], but %2 holds real "
                              "numbers (standardised columns): use the Gaussian.")
        .arg(likelihoodTitle(likelihood), QString::fromStdString(data.name));
}

} // namespace vae::gui
