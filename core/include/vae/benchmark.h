#pragma once

#include "vae/config.h"

namespace vae {

/// Single-precision matrix-multiply rate of the BLAS that LibTorch uses here, on `threads`
/// threads: n×n · n×n products repeated for at least `seconds` after one warm-up product.
/// Returns FLOP/s, counting 2n³ per product. Used as the roofline in the training benchmark.
[[nodiscard]] double measureGemmFlops(int threads, int n = 1024, double seconds = 1.0);

/// FLOPs of one training image's forward and backward pass through the VAE of `config`, counting
/// the matrix products and convolutions only (2 per multiply-add): forward Σ 2·in·out over the
/// linear layers and 2·C_in·C_out·4²·(output positions) per convolution and per transposed
/// convolution, backward twice that, less the input layer's gradient w.r.t. the data, which is
/// not computed. 784-400-2: 3.15 MFLOP; 784-512-256-2: 5.60 MFLOP.
[[nodiscard]] double trainingFlopsPerSample(const TrainingConfig& config);

} // namespace vae
