#pragma once

#include <vae/types.h>

#include <QString>

#include <span>
#include <string>

class QTextStream;

namespace vae::gui {

/// Writes one row per image: `index,label,mu1,mu2,sigma1,sigma2` (header first), then, for data
/// with known factors (the snapshot's `factors` and their `factorNames`, e.g. shapes' "scale"),
/// one column per factor named after it holding the image's factor index (0 … size − 1). Values
/// carry 9 significant digits so a float survives the round trip. For a 1-D latent space the
/// second dimension's fields are left empty; the label is −1 for data without labels. A name
/// holding a comma, a quote or a line break is quoted (RFC 4180).
void writeLatentCsv(QTextStream& out, const vae::LatentSnapshot& snapshot,
                    std::span<const std::string> factorNames = {});

/// writeLatentCsv into `path`, written atomically (QSaveFile). Returns an empty string on success,
/// else a sentence naming the file and the problem.
[[nodiscard]] QString saveLatentCsv(const QString& path, const vae::LatentSnapshot& snapshot,
                                    std::span<const std::string> factorNames = {});

/// The TensorBoard Embedding Projector's vectors file: one row per image, its D posterior means
/// separated by tabs, no header. Each float is written in the shortest form that reads back to
/// the same float.
void writeProjectorVectors(QTextStream& out, const vae::LatentSnapshot& snapshot);
/// The projector's metadata file: `index<TAB>label`, a header row first. (With a single column the
/// projector takes every line as a label and reads no header, so the header is there because there
/// are two columns.)
void writeProjectorMetadata(QTextStream& out, const vae::LatentSnapshot& snapshot);

/// File names written by saveProjectorFiles(), inside the chosen directory.
inline constexpr const char* kProjectorVectorsFile = "vectors.tsv";
inline constexpr const char* kProjectorMetadataFile = "metadata.tsv";
inline constexpr const char* kProjectorConfigFile = "projector_config.pbtxt";

/// Writes vectors.tsv, metadata.tsv and projector_config.pbtxt (naming the two, so that
/// `tensorboard --logdir DIR` shows them in its Projector tab) into `directory`, creating it if
/// needed; each file atomically. The two .tsv files also load into the standalone projector
/// (projector.tensorflow.org, "Load"). Returns an empty string on success, else a sentence naming
/// the file and the problem.
[[nodiscard]] QString saveProjectorFiles(const QString& directory,
                                         const vae::LatentSnapshot& snapshot);

} // namespace vae::gui
