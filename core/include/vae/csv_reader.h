#pragma once

#include "vae/dataset.h"

#include <filesystem>
#include <string_view>

namespace vae {

/// At most this many classes in a CSV label column: labels are stored as one byte (ImageSet,
/// latent snapshots), and a column with more distinct values is an identifier or a measurement,
/// not a class.
inline constexpr int kMaxCsvClasses = 256;

/// Reads a comma-separated table (RFC 4180, parsed with libcsv in strict mode): a header row of
/// column names, then one example per row. Every column except `labelColumn` is a feature and
/// must hold a finite number in each row (read as a double, stored as a float); the label column,
/// when named, holds class names (any text, e.g. "setosa" or "3").
///
/// Classes are the label column's distinct values, sorted: numerically when every value is a
/// number ("2" before "10"), else by their bytes, so the class numbering does not depend on the
/// order of the rows. Blank lines are skipped; a UTF-8 byte-order mark before the header is
/// ignored; an empty column name becomes "column C".
///
/// The result: ImageSet of count × 1 × F values (rows 1, cols F = the feature columns, in file
/// order), labels 0 … classes − 1 (none without a label column); description: name = the file
/// name, height 1, width F, channels 1, ValueKind::Real, featureNames = the feature columns'
/// names, classNames = the sorted label values. Nothing is standardised yet (splitExamples()).
///
/// Throws DataError naming the file, and for a cell its row and column (1-based, the header is
/// row 1; the line too when it differs, after blank lines or a quoted line break), when the file
/// is missing, unreadable or empty; when there is a header but no data row; for a cell that is
/// empty or not a number, NaN, infinite or beyond the float range; for a row with more or fewer
/// fields than the header; for malformed quoting (libcsv's parse error); for two columns with the
/// same name; when `labelColumn` is not a column; for an empty label; for more than
/// kMaxCsvClasses distinct labels (naming the column and the count); when no feature column is
/// left; and for more than 65,536 feature columns or 2^31 − 1 values.
[[nodiscard]] Examples readCsv(const std::filesystem::path& file,
                               std::string_view labelColumn = {});

} // namespace vae
