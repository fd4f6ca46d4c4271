// Built instead of TorchSchemaSource.cpp when AtenScope is configured without libtorch.
#include "atenscope/SchemaSource.h"

namespace atenscope {

std::unique_ptr<SchemaSource> makeTorchSchemaSource() {
    return nullptr;
}

}  // namespace atenscope
