/** The query GraphiQL opens with: an analyst's first question. */
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
`;
