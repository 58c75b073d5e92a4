"""What every feature of the desk shares, and nothing feature-specific: the background
worker, input widgets, the paged and small table-model bases, the Arabic labels of coded values,
error messages, confirmation dialogs, fonts and translations. Imports no other ui package."""
