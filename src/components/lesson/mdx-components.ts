/** The components a lesson's MDX may use without importing them: the lesson page and the presenter view share them. */
import ChallengeList from './ChallengeList.astro';
import Command from './Command.astro';
import Dockerfile from './Dockerfile.astro';
import Fact from './Fact.astro';
import H2 from './H2.astro';
import H3 from './H3.astro';
import ImageFact from './ImageFact.astro';
import Note from './Note.astro';
import ScenarioCompare from './ScenarioCompare.astro';
import SpeakerNotes from './SpeakerNotes.astro';

export const lessonComponents = {
  Fact,
  ImageFact,
  Dockerfile,
  Command,
  ScenarioCompare,
  Note,
  SpeakerNotes,
  ChallengeList,
  h2: H2,
  h3: H3,
};
