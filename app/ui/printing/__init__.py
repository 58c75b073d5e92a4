"""Printing at the desk: the print preview, the print menus and actions on people, households
and cases, and the batch print dialog. The PDFs themselves are laid out by app.printing."""
