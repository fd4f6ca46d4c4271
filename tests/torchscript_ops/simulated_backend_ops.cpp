// SPDX-License-Identifier: MIT
// A SIMULATED backend's op library, for the TorchScript tests: the way Torch-TensorRT or an
// in-house accelerator registers its own namespace of ops (here `simbackend::`) that a
// TorchScript module calls next to the aten ops the backend left. Python loads it to script the
// fixture (tools/make_torchscript.py); AtenScope's plugin loads it through
// ATENSCOPE_TORCH_LIBRARIES to read that fixture. The ops compute what they stand for, on the CPU.
#include <ATen/ATen.h>
#include <torch/library.h>

namespace {

at::Tensor fusedLinearRelu(const at::Tensor& x, const at::Tensor& weight, const at::Tensor& bias) {
    return at::relu(at::linear(x, weight, bias));
}

at::Tensor fusedGelu(const at::Tensor& x) {
    return at::gelu(x);
}

}  // namespace

TORCH_LIBRARY(simbackend, m) {
    m.def("fused_linear_relu(Tensor x, Tensor weight, Tensor bias) -> Tensor", &fusedLinearRelu);
    m.def("fused_gelu(Tensor x) -> Tensor", &fusedGelu);
}
