import { Box, Grid, Tabs } from '@mantine/core';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { PageHeader } from '../components/PageHeader';
import { FlowsPanel } from '../components/bot/FlowsPanel';
import { MetricsPanel } from '../components/bot/MetricsPanel';
import { SynonymsPanel } from '../components/bot/SynonymsPanel';
import { TestConsole } from '../components/bot/TestConsole';
import { WorkbenchPanel } from '../components/bot/WorkbenchPanel';
import { AiSettingsPanel } from '../components/bot/AiSettingsPanel';
import { useAuthed } from '../session';
import { isAdmin } from '../util';
import { useBotTest } from '../kb/bot';
import type { AnswerMode } from '../kb/types';

const TABS = ['workbench', 'metrics', 'synonyms', 'flows', 'ai'] as const;
type Tab = (typeof TABS)[number];

/** Bot training: a test console beside the workbench, the metrics and the task flows. */
export function BotPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const params = useParams();
  const tab: Tab = (TABS as readonly string[]).includes(params.tab ?? '') ? (params.tab as Tab) : 'workbench';
  const test = useBotTest();
  // the AI endpoint holds an API key: admins only (as the API)
  const admin = isAdmin(useAuthed().user.role);
  const tabs = TABS.filter((k) => k !== 'ai' || admin);
  const [text, setText] = useState('');
  const [answerMode, setAnswerMode] = useState<AnswerMode>('balanced');
  const consoleRef = useRef<HTMLDivElement>(null);

  const run = (value: string, mode: AnswerMode = answerMode) => {
    setText(value);
    test.mutate({ text: value, answerMode: mode });
    consoleRef.current?.scrollIntoView({ behavior: 'smooth', block: 'nearest' });
  };

  return (
    <>
      <PageHeader title={t('bot.title')} description={t('bot.description')} />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 7 }} order={{ base: 2, lg: 1 }}>
          <Tabs
            value={tab}
            onChange={(v) => v && navigate(v === 'workbench' ? '/app/bot' : `/app/bot/${v}`)}
            keepMounted={false}
          >
            <Tabs.List mb="md">
              {tabs.map((k) => (
                <Tabs.Tab key={k} value={k} data-testid={`bot-tab-${k}`}>
                  {t(`bot.tabs.${k}`)}
                </Tabs.Tab>
              ))}
            </Tabs.List>
            <Tabs.Panel value="workbench">
              <WorkbenchPanel onTest={run} />
            </Tabs.Panel>
            <Tabs.Panel value="metrics">
              <MetricsPanel />
            </Tabs.Panel>
            <Tabs.Panel value="synonyms">
              <SynonymsPanel />
            </Tabs.Panel>
            <Tabs.Panel value="flows">
              <FlowsPanel />
            </Tabs.Panel>
            {admin && (
              <Tabs.Panel value="ai">
                <AiSettingsPanel />
              </Tabs.Panel>
            )}
          </Tabs>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }} order={{ base: 1, lg: 2 }}>
          <Box ref={consoleRef} style={{ position: 'sticky', top: 76 }}>
            <TestConsole
              text={text}
              onText={setText}
              onRun={run}
              answerMode={answerMode}
              onAnswerMode={(mode) => {
                setAnswerMode(mode);
                // show at once what the other mode would do with the same message
                if (test.variables?.text) run(test.variables.text, mode);
              }}
              result={test.data}
              resultFor={test.variables?.text}
              pending={test.isPending}
              error={test.error}
            />
          </Box>
        </Grid.Col>
      </Grid>
    </>
  );
}
