"""The application shell: start-up (fonts, translations, first-run setup), the login and lock
screens, the main window that composes every feature into tabs and menus, and the settings
dialog. The only ui package that may import all the others."""
