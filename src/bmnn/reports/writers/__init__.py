"""Writers: turn a report's document model into .docx or .xlsx bytes."""
