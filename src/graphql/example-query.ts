/** The document GraphiQL opens with: an analyst's first questions, one named operation each. */
export const EXAMPLE_QUERY = `# Who fought Daesh in December 2017, and who says so?
query DaeshInDecember2017 {
  actor(id: "daesh") {
    name
    aliases
    relations(kinds: [FIGHTS], window: { from: "2017-12-01", to: "2017-12-31" }) {
      from { id name }
      to { id name }
      since
      until
      summary
      citations { title publisher published claimant }
    }
  }
}

# Who supported the Syrian government that month?
query AlliesOfTheGovernment {
  alliances(window: { from: "2017-12-01", to: "2017-12-31" }, actor: "syrian-government") {
    from { name }
    to { name }
    since
    until
    summary
  }
}

# What held on 20 August 2019? Most relations have no known end. Read ONGOING (the default), one
# holds until a source says it ended: compare each relation's lastReported with the day.
query August2019AssumedContinuing {
  snapshot(at: "2019-08-20") {
    edges { from { name } to { name } kind since sinceBound lastReported summary }
  }
}

# The same day read LAST_REPORTED: a relation holds only up to the last report that vouches for it.
query August2019AsLastReported {
  snapshot(at: "2019-08-20", openEnd: LAST_REPORTED) {
    edges { from { name } to { name } kind since lastReported heldUntil(openEnd: LAST_REPORTED) summary }
  }
}

# Turkey to Daesh in February 2018 through links that two publishers or more report.
query WellSourcedPath {
  shortestPath(
    from: "turkey"
    to: "daesh"
    window: { from: "2018-02-01", to: "2018-02-28" }
    evidence: { minPublishers: 2 }
  ) {
    hops
    actors { name }
    relations { kind summary evidence { sources publishers stated claimants disputed } }
  }
}
`;
