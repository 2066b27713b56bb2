#pragma once

#include <QDialog>

class QLabel;

namespace qcc {

/*! Version and build, the libraries QCC is made with and their licences, and where its config
 *  file and logs are. The text can be copied (bug reports ask for it). */
class AboutDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AboutDialog)

public:
    AboutDialog(const QString &configPath, const QString &stateDir, QWidget *parent = nullptr);
    //! The dialog's text as plain text, as "Copy" puts it on the clipboard.
    QString plainText() const { return m_plain; }

private:
    QString m_plain;
};

} // namespace qcc
