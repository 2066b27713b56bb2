#pragma once

#include <QString>

namespace qcc {

//! <AppConfigLocation>/config.json, e.g. ~/.config/qcc/config.json.
QString defaultConfigPath();
//! <AppDataLocation>, e.g. ~/.local/share/qcc: the failure queue and logs.
QString defaultStateDir();

} // namespace qcc
