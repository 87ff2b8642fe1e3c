"""Scanner benchmark: a corpus of real office files made by LibreOffice with planted secrecy marks
and planted decoys (`python -m bench.scan.generate`), then recall, precision, throughput and peak
memory of the scanner beside `cat` and the usual Python libraries (`python -m bench.scan.run`)."""
