import { Anchor, Card, Group } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { ContactPanel } from '../components/chat/ContactPanel';

export function ContactPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  return (
    <>
      <Group mb="md">
        <Anchor component={Link} to="/app/contacts" size="sm">
          <Group gap={4}>
            <IconArrowLeft size={14} />
            {t('contacts.back')}
          </Group>
        </Anchor>
      </Group>
      <Card withBorder maw={720} p={0}>
        {id && <ContactPanel contactId={id} scroll={false} />}
      </Card>
    </>
  );
}
