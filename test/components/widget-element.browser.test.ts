import '../../src/define.ts';
import { describeWidgetBehaviour } from './shared/widget-behaviour.ts';
import { WIDGETS } from './shared/widgets.ts';

/** The base class's behaviour, for every element built on it. */
for (const widget of WIDGETS) describeWidgetBehaviour(widget);
