package export

// sealText is the seal as one line of text for the formats that have no
// seal section: CSV rows, Timesketch events and the ICS 214 logs. It says
// when the chain did not verify.
func sealText(res Result) string {
	if res.ChainErr != nil {
		return "NOT SEALED: " + sealSummary(res)
	}

	return "SEAL: " + res.Seal.String() + ", full head " + res.Seal.Head + ". " + sealSummary(res)
}

// sealRow returns the last row of a CSV export: "seal" in the first
// column, the seal text in the column at textColumn and the head hash in
// the one at hashColumn, or -1 for none.
func sealRow(width, textColumn, hashColumn int, res Result) []string {
	row := make([]string, width)
	row[0] = "seal"
	row[textColumn] = sealText(res)

	if hashColumn >= 0 && res.ChainErr == nil {
		row[hashColumn] = res.Seal.Head
	}

	return row
}
