#pragma once

#include <QByteArray>
#include <QString>

namespace qcc {

/*! Writes \a data to \a path through a temporary file and a rename, so readers see either the old
 *  file or the new one, never a mix. The file is created with mode 0600 (owner only): every file
 *  QCC writes may hold something private. Returns false with \a error set on any failure, in
 *  which case the previous file is untouched. */
bool writeFileAtomically(const QString &path, const QByteArray &data, QString *error);

} // namespace qcc
