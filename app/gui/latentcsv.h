#pragma once

#include <vae/types.h>

#include <QString>

class QTextStream;

namespace vae::gui {

/// Writes one row per image: `index,label,mu1,mu2,sigma1,sigma2` (header first). Values carry 9
/// significant digits so a float survives the round trip. For a 1-D latent space the second
/// dimension's fields are left empty.
void writeLatentCsv(QTextStream& out, const vae::LatentSnapshot& snapshot);

/// writeLatentCsv into `path`, written atomically (QSaveFile). Returns an empty string on success,
/// else a sentence naming the file and the problem.
[[nodiscard]] QString saveLatentCsv(const QString& path, const vae::LatentSnapshot& snapshot);

} // namespace vae::gui
