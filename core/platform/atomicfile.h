#pragma once

#include <QByteArray>
#include <QString>

namespace qcc {

/*! Writes \a data to \a path through a temporary file and a rename, so readers see either the old
 *  file or the new one, never a mix. The file is created with mode 0600 (owner only): every file
 *  QCC writes may hold something private. Returns false with \a error set on any failure, in
 *  which case the previous file is untouched. */
bool writeFileAtomically(const QString &path, const QByteArray &data, QString *error);

/*! Makes \a dir owner-only (0700): created so when missing (its missing parents too, each 0700),
 *  restricted when it exists. For QCC's own config and state directories. False when it cannot
 *  be made. */
bool makePrivateDirectory(const QString &dir);

} // namespace qcc
