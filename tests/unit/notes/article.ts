/**
 * Test text: an explainer of the kind Backstory annotates, written for these
 * tests. Paragraphs are separated the way a page's text nodes usually are.
 */
export const ARTICLE = [
  'What the zero-tolerance policy was, and how it separated families',
  'On April 6, 2018, Attorney General Jeff Sessions told federal prosecutors along the southwest border to charge every adult referred to them for entering the country illegally. The memo called this a "zero-tolerance policy" and said it superseded any earlier guidance.',
  'Before the memo, many parents who crossed with children were released or held with them in family detention while their immigration cases went forward. Under the new policy, parents were sent to federal criminal custody, where children cannot be held.',
  'The children were then treated as unaccompanied minors and placed in the care of the Office of Refugee Resettlement, an agency of the Department of Health and Human Services. Records linking parents to children were often incomplete, and some parents were deported while their children stayed in shelters.',
  'In a speech in San Diego on May 7, 2018, Sessions said that if you are smuggling a child, "then we will prosecute you, and that child will be separated from you as required by law." Officials later disagreed in public about whether separation was meant as a deterrent.',
  'Images and audio from border facilities drew protests across the political spectrum. On June 20, 2018, President Trump signed an executive order directing that families be detained together where appropriate, but it did not say how separated families would be reunited.',
  'Six days later, Judge Dana Sabraw of the federal district court in San Diego issued a preliminary injunction in Ms. L. v. ICE. He ordered the government to stop most separations and to reunite children under five with their parents within fourteen days, and older children within thirty days.',
  'Government watchdogs later found that separations had begun before the memo, including during a 2017 pilot program in the El Paso area, and that the agencies involved had not prepared to track families or to reunite them.',
].join('\n\n');

/** Another article on the same topic, sharing vocabulary but none of the passages. */
export const OTHER_ARTICLE = [
  'A timeline of family separation at the border',
  'In the summer of 2017, federal prosecutors in the El Paso sector began charging parents who crossed with children, a practice later described as a pilot. Few outside the agencies knew about it at the time.',
  'The policy announced in April 2018 extended that approach to the whole border. Within weeks, thousands of children had been placed in shelters run by contractors for the refugee office, some of them hundreds of miles from their parents.',
  'After the executive order in June, the administration said it would keep families together in detention, but courts limited how long children could be held. Lawyers and volunteers spent months locating parents who had already been removed from the country.',
  'Congressional hearings that summer focused on how many children had been separated and how the government planned to reunite them. Estimates changed several times as records were reviewed.',
].join('\n\n');
