#pragma once

#include <QImage>
#include <QString>

#include <vector>

namespace vae::gui {

/// Writes `frames` (all the same size) as a looping animated GIF with a global 256-colour palette
/// (the latent plot's ten digit colours and 246 greys; each pixel takes the nearest entry), each
/// frame shown for `delayCs` hundredths of a second. Returns an error message, empty on success.
QString writeAnimatedGif(const QString& path, const std::vector<QImage>& frames, int delayCs = 25);

} // namespace vae::gui
