"""The labelled quality corpus: pairs of page versions with the changes a perfect monitor reports."""
